// `certificates issue|list|send|export` (R10). Arguments are checked before the engine is
// opened, so rejected input writes nothing (exit 2).
import { statSync, writeFileSync } from 'node:fs';
import type { CertificateSummary } from '../../engine/certificates/certificate-service';
import { certificatesCsv } from '../../engine/certificates/export';
import { InputError, OperationError } from '../../engine/errors';
import { formatTrees } from '../../engine/ledger/trees';
import { month as monthSchema, parseInput } from '../../engine/validation';
import { allowOnly, flag, stringOption } from '../args';
import type { CliContext } from '../context';
import { isoOrNull, table } from '../output';
import { idOption } from './server';

function monthOption(ctx: CliContext): string {
  return parseInput(monthSchema, stringOption(ctx.args, 'month', true), 'month');
}

/** --out names a folder (created when missing); an existing file there is rejected. */
function folderOption(ctx: CliContext, required: boolean): string | undefined {
  const dir = required ? stringOption(ctx.args, 'out', true) : stringOption(ctx.args, 'out');
  if (dir === undefined) return undefined;
  if (dir.trim() === '') throw new InputError('--out takes a folder');
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw new InputError(`--out must be a folder, but ${dir} is a file`);
  return dir;
}

function certificateJson(c: CertificateSummary, pdf: string) {
  return { id: c.id, number: c.number, month: c.month, feedId: c.feedId, entityId: c.entityId, name: c.name, pages: c.pages, carriedPages: c.carriedPages, trees: c.trees, sha256: c.sha256, pdf };
}

function certificateTable(rows: { c: CertificateSummary; file: string; note?: string }[]): string {
  return table(
    ['Number', 'Customer', 'Period', 'Pages', 'Carried', 'Trees', 'File'],
    rows.map(({ c, file, note }) => [c.number, c.name, c.periodLabel, c.pages, c.carriedPages, formatTrees(c.trees), `${file}${note ? ` (${note})` : ''}`]),
  );
}

export async function certificatesCommand(ctx: CliContext, sub: string | undefined): Promise<number> {
  switch (sub) {
    case 'issue': {
      allowOnly(ctx.args, 'certificates issue', ['month', 'out']);
      const month = monthOption(ctx);
      const out = folderOption(ctx, false);
      const engine = await ctx.engine({ mustExist: true });
      const result = await engine.certificates.issue(month);
      const files = new Map<number, string>();
      for (const c of result.certificates) files.set(c.id, out === undefined ? c.pdfPath : (await engine.certificates.exportOne(c.id, out)).path);
      const json = {
        month: result.month,
        certificates: result.certificates.map((c) => ({ ...certificateJson(c, files.get(c.id)!), issued: c.issuedNow })),
        skipped: result.skipped.map((s) => ({ feedId: s.feedId, entityId: s.entityId, name: s.name, reason: s.reason, message: s.message })),
      };
      ctx.out.result(json, () => {
        const fresh = result.certificates.filter((c) => c.issuedNow).length;
        const lines = [`${result.month}: ${fresh} certificate${fresh === 1 ? '' : 's'} issued now, ${result.certificates.length - fresh} issued before${out ? `; written to ${out}` : ''}`];
        if (result.certificates.length) lines.push(certificateTable(result.certificates.map((c) => ({ c, file: files.get(c.id)!, ...(c.issuedNow ? {} : { note: 'issued before' }) }))));
        for (const s of result.skipped) lines.push(`Skipped feed ${s.feedId} "${s.name}": ${s.message}`);
        return lines.join('\n');
      });
      return 0;
    }
    case 'list': {
      allowOnly(ctx.args, 'certificates list', ['month', 'csv']);
      const month = monthOption(ctx);
      const csv = stringOption(ctx.args, 'csv');
      const list = await (await ctx.engine()).certificates.list(month);
      if (csv) writeFileSync(csv, certificatesCsv(list));
      const json = {
        month,
        certificates: list.map((c) => ({
          ...certificateJson(c, c.pdfPath),
          fingerprint: c.fingerprint,
          issuedAt: isoOrNull(c.issuedAt),
          email: c.email.status === 'not sent' ? { status: c.email.status } : { ...c.email, at: isoOrNull(c.email.at) },
        })),
      };
      ctx.out.result(json, () => {
        if (list.length === 0) return `No certificates issued for ${month}. Issue them with: certificates issue --month ${month} --out DIR`;
        const body = table(
          ['ID', 'Number', 'Customer', 'Pages', 'Carried', 'Trees', 'E-mail', 'SHA-256'],
          list.map((c) => [String(c.id), c.number, c.name, c.pages, c.carriedPages, formatTrees(c.trees), c.email.status === 'not sent' ? 'not sent' : `${c.email.status} (${c.email.to})`, c.sha256.slice(0, 16)]),
        );
        return `${body}${csv ? `\nCSV written to ${csv}` : ''}`;
      });
      return 0;
    }
    case 'send': {
      allowOnly(ctx.args, 'certificates send', ['month', 'feed', 'resend']);
      const month = monthOption(ctx);
      const feedId = ctx.args.options.feed === undefined ? undefined : idOption(ctx, 'feed');
      const engine = await ctx.engine({ mustExist: true });
      const result = await engine.certificates.send({ month, resend: flag(ctx.args, 'resend'), ...(feedId !== undefined ? { feedId } : {}) });
      ctx.out.result(result, () => {
        const lines = [`${month}: ${result.sent.length} sent, ${result.failed.length} failed, ${result.skipped.length} not sent`];
        for (const s of result.sent) lines.push(`Sent ${s.number} to ${s.to}`);
        for (const f of result.failed) lines.push(`Failed ${f.number} to ${f.to}: ${f.error}`);
        for (const s of result.skipped) lines.push(`Not sent ${s.number}: ${s.message}`);
        return lines.join('\n');
      });
      if (result.failed.length > 0) {
        const which = result.failed.map((f) => `${f.number} to ${f.to}: ${f.error}`).join('; ');
        throw new OperationError(`${result.failed.length} certificate${result.failed.length === 1 ? '' : 's'} could not be sent — ${which}. A later send tries again.`);
      }
      return 0;
    }
    case 'export': {
      allowOnly(ctx.args, 'certificates export', ['month', 'id', 'out']);
      const hasMonth = ctx.args.options.month !== undefined;
      const hasId = ctx.args.options.id !== undefined;
      if (hasMonth === hasId) throw new InputError('certificates export takes either --month YYYY-MM or --id ID');
      const month = hasMonth ? monthOption(ctx) : undefined;
      const id = hasId ? idOption(ctx) : undefined;
      const out = folderOption(ctx, true)!;
      const engine = await ctx.engine({ mustExist: true });
      const exported = month !== undefined ? await engine.certificates.exportMonth(month, out) : [await engine.certificates.exportOne(id!, out)];
      ctx.out.result({ certificates: exported.map((e) => certificateJson(e.certificate, e.path)) }, () =>
        exported.length === 0 ? `No certificates issued for ${month}.` : certificateTable(exported.map((e) => ({ c: e.certificate, file: e.path }))),
      );
      return 0;
    }
    default:
      throw new InputError('Usage: certificates issue|list|send|export');
  }
}
