// Zod schemas for every API input, validated in main whatever the transport (IPC, HTTP,
// direct). A method without input takes nothing: anything sent is ignored.
import { z } from 'zod';
import type { ApiMethod } from '../../preload/api';
import { allUnmappedInputSchema, feedInputSchema, feedPatchSchema } from '../engine/feeds';
import { serverInputSchema } from '../engine/servers';
import { apiKey, email, id, month } from '../engine/validation';

const none = z.unknown().transform(() => undefined);
const serverRef = z.object({ serverId: id });
const feedRef = z.object({ feedId: id });
const monthRef = z.object({ month });

const settingsPatch = z
  .object({
    timezone: z.string(),
    graceDays: z.number(),
    holidays: z.array(z.string()),
    scheduleTime: z.string(),
    scheduleEnabled: z.boolean(),
    concurrency: z.number(),
    paper: z.string(),
    locale: z.string(),
    dealerName: z.string(),
    dealerLogo: z.string().nullable(),
    partnerText: z.string(),
    statement: z.string(),
    autoIssueCertificates: z.boolean(),
    smtpHost: z.string(),
    smtpPort: z.number(),
    smtpUser: z.string(),
    smtpFrom: z.string(),
    smtpSecure: z.boolean(),
    launchAtLogin: z.boolean(),
  })
  .partial()
  .strict();

export const inputSchemas = {
  getAppInfo: none,
  getOverview: none,
  listServers: none,
  testServer: serverInputSchema,
  addServer: serverInputSchema,
  replaceServerKey: z.object({ serverId: id, apiKey }),
  checkServer: serverRef,
  removeServer: serverRef,
  listEntities: serverRef,
  startDemo: none,
  listFeeds: none,
  addFeed: feedInputSchema,
  addAllUnmapped: allUnmappedInputSchema,
  updateFeed: feedPatchSchema.extend({ feedId: id }),
  pauseFeed: feedRef,
  resumeFeed: feedRef,
  removeFeed: feedRef,
  collectNow: none,
  listRuns: z.object({ limit: z.number().int().min(1).max(500) }),
  getCertificateMonth: monthRef,
  issueCertificates: monthRef,
  getCertificatePdf: z.object({ certificateId: id }),
  exportCertificates: z.object({ month, certificateIds: z.array(id).max(10_000).optional() }),
  sendCertificates: z.object({ month, feedId: id.optional(), resend: z.boolean().optional() }),
  getMonthReportCsv: monthRef,
  getSettings: none,
  updateSettings: settingsPatch,
  setSmtpPassword: z.object({ password: z.string().min(1, 'Enter the SMTP password').max(1000) }),
  testSmtp: z.object({ to: email }),
} satisfies Record<ApiMethod, z.ZodType>;
