// Storage of R10: per feed-month certification records, issued certificates (frozen), their
// dealer logos (stored once, by hash) and e-mail attempts. Certifying a feed is ONE
// transaction (`certifyFeed`): the ledger it reads and the records it writes belong together.
import type { Knex } from 'knex';
import { writeTransaction } from '../write-transaction';

export interface CertificationRecord {
  feedId: number;
  month: string;
  /** P: the month's ledger pages at certification. */
  ledgerPages: number;
  /** C: the feed's open carry just before this month was certified. */
  openCarry: number;
  /** max(0, P + C); 0 when no certificate was issued. */
  shownPages: number;
  /** shown − P. */
  carriedPages: number;
  certificateId: number | null;
  certifiedAt: number;
}

export interface CertificateRecord {
  id: number;
  seq: number;
  number: string;
  feedId: number;
  entityId: string;
  customerName: string;
  month: string;
  pages: number;
  carriedPages: number;
  ledgerPages: number;
  trees: number;
  fingerprint: string;
  issuedAt: number;
  /** Relative to the data folder. */
  pdfPath: string;
  pdfSha256: string;
  pdfSize: number;
  /** The frozen render inputs as JSON (the logo by its hash). */
  document: string;
  logoSha256: string | null;
}

export type NewCertificate = Omit<CertificateRecord, 'id'>;

export interface CertificateSendRecord {
  id: number;
  certificateId: number;
  recipient: string;
  attemptedAt: number;
  status: 'sent' | 'failed';
  messageId: string | null;
  error: string | null;
}

export type NewCertificateSend = Omit<CertificateSendRecord, 'id'>;

export interface StoredLogo {
  type: 'png' | 'jpeg';
  bytes: Buffer;
}

/** What one feed's certification transaction may read and write. */
export interface FeedCertificationTx {
  /** The feed's certification records, oldest month first. */
  certifications(): Promise<CertificationRecord[]>;
  /** The feed's ledger pages per 'YYYY-MM' month over epoch days [firstDay, lastDay] (R8). */
  ledgerByMonth(firstDay: number, lastDay: number): Promise<Map<string, number>>;
  /** The next number of the global certificate sequence. */
  nextSequence(): Promise<number>;
  saveLogo(sha256: string, logo: StoredLogo): Promise<void>;
  insertCertificate(certificate: NewCertificate): Promise<number>;
  insertCertification(record: CertificationRecord): Promise<void>;
}

interface CertificationRow {
  feed_id: number;
  month: string;
  ledger_pages: number;
  open_carry: number;
  shown_pages: number;
  carried_pages: number;
  certificate_id: number | null;
  certified_at: number;
}

interface CertificateRow {
  id: number;
  seq: number;
  number: string;
  feed_id: number;
  entity_id: string;
  customer_name: string;
  month: string;
  pages: number;
  carried_pages: number;
  ledger_pages: number;
  trees: number;
  fingerprint: string;
  issued_at: number;
  pdf_path: string;
  pdf_sha256: string;
  pdf_size: number;
  document: string;
  logo_sha256: string | null;
}

interface SendRow {
  id: number;
  certificate_id: number;
  recipient: string;
  attempted_at: number;
  status: 'sent' | 'failed';
  message_id: string | null;
  error: string | null;
}

function toCertification(r: CertificationRow): CertificationRecord {
  return {
    feedId: r.feed_id,
    month: r.month,
    ledgerPages: Number(r.ledger_pages),
    openCarry: Number(r.open_carry),
    shownPages: Number(r.shown_pages),
    carriedPages: Number(r.carried_pages),
    certificateId: r.certificate_id,
    certifiedAt: Number(r.certified_at),
  };
}

function toCertificate(r: CertificateRow): CertificateRecord {
  return {
    id: r.id,
    seq: r.seq,
    number: r.number,
    feedId: r.feed_id,
    entityId: r.entity_id,
    customerName: r.customer_name,
    month: r.month,
    pages: Number(r.pages),
    carriedPages: Number(r.carried_pages),
    ledgerPages: Number(r.ledger_pages),
    trees: Number(r.trees),
    fingerprint: r.fingerprint,
    issuedAt: Number(r.issued_at),
    pdfPath: r.pdf_path,
    pdfSha256: r.pdf_sha256,
    pdfSize: r.pdf_size,
    document: r.document,
    logoSha256: r.logo_sha256,
  };
}

function toSend(r: SendRow): CertificateSendRecord {
  return { id: r.id, certificateId: r.certificate_id, recipient: r.recipient, attemptedAt: Number(r.attempted_at), status: r.status, messageId: r.message_id, error: r.error };
}

export class CertificatesRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Runs `work` in one transaction for one feed: it reads the feed's records and ledger and
   * writes new ones; an error rolls everything back.
   */
  async certifyFeed<T>(feedId: number, work: (tx: FeedCertificationTx) => Promise<T>): Promise<T> {
    return writeTransaction(this.knex, async (trx) => {
      const tx: FeedCertificationTx = {
        certifications: async () => (await trx<CertificationRow>('certifications').where({ feed_id: feedId }).orderBy('month')).map(toCertification),
        ledgerByMonth: async (firstDay, lastDay) => {
          // Epoch day → 'YYYY-MM' in SQLite: day × 86,400 s is that day's UTC midnight.
          const rows = await trx('ledger_days')
            .where({ feed_id: feedId })
            .andWhereBetween('day', [firstDay, lastDay])
            .groupByRaw("strftime('%Y-%m', day * 86400, 'unixepoch')")
            .select<{ month: string; pages: number }[]>(trx.raw("strftime('%Y-%m', day * 86400, 'unixepoch') AS month"), trx.raw('SUM(pages) AS pages'));
          return new Map(rows.map((r) => [r.month, Number(r.pages)]));
        },
        nextSequence: async () => {
          const row = await trx('certificates').max<{ seq: number | null }>('seq as seq').first();
          return Number(row?.seq ?? 0) + 1;
        },
        saveLogo: async (sha256, logo) => {
          await trx('certificate_logos').insert({ sha256, type: logo.type, bytes: logo.bytes }).onConflict('sha256').ignore();
        },
        insertCertificate: async (c) => {
          const [row] = await trx('certificates')
            .insert({
              seq: c.seq,
              number: c.number,
              feed_id: c.feedId,
              entity_id: c.entityId,
              customer_name: c.customerName,
              month: c.month,
              pages: c.pages,
              carried_pages: c.carriedPages,
              ledger_pages: c.ledgerPages,
              trees: c.trees,
              fingerprint: c.fingerprint,
              issued_at: c.issuedAt,
              pdf_path: c.pdfPath,
              pdf_sha256: c.pdfSha256,
              pdf_size: c.pdfSize,
              document: c.document,
              logo_sha256: c.logoSha256,
            })
            .returning<{ id: number }[]>('id');
          return row!.id;
        },
        insertCertification: async (r) => {
          await trx('certifications').insert({
            feed_id: r.feedId,
            month: r.month,
            ledger_pages: r.ledgerPages,
            open_carry: r.openCarry,
            shown_pages: r.shownPages,
            carried_pages: r.carriedPages,
            certificate_id: r.certificateId,
            certified_at: r.certifiedAt,
          });
        },
      };
      return work(tx);
    });
  }

  async certifications(feedId: number): Promise<CertificationRecord[]> {
    return (await this.knex<CertificationRow>('certifications').where({ feed_id: feedId }).orderBy('month')).map(toCertification);
  }

  async certificationsOfMonth(month: string): Promise<CertificationRecord[]> {
    return (await this.knex<CertificationRow>('certifications').where({ month }).orderBy('feed_id')).map(toCertification);
  }

  /** The newest certified month per feed (feeds never certified are absent). */
  async lastCertifiedMonths(): Promise<Map<number, string>> {
    const rows = await this.knex('certifications').groupBy('feed_id').select<{ feed_id: number; month: string }[]>('feed_id', this.knex.raw('MAX(month) AS month'));
    return new Map(rows.map((r) => [r.feed_id, r.month]));
  }

  async get(id: number): Promise<CertificateRecord | null> {
    const row = await this.knex<CertificateRow>('certificates').where({ id }).first();
    return row ? toCertificate(row) : null;
  }

  async byMonth(month: string): Promise<CertificateRecord[]> {
    return (await this.knex<CertificateRow>('certificates').where({ month }).orderBy('seq')).map(toCertificate);
  }

  async byFeed(feedId: number): Promise<CertificateRecord[]> {
    return (await this.knex<CertificateRow>('certificates').where({ feed_id: feedId }).orderBy('month')).map(toCertificate);
  }

  async logo(sha256: string): Promise<StoredLogo | null> {
    const row = await this.knex('certificate_logos').where({ sha256 }).first<{ type: 'png' | 'jpeg'; bytes: Buffer } | undefined>('type', 'bytes');
    return row ? { type: row.type, bytes: Buffer.from(row.bytes) } : null;
  }

  /** Ledger pages of a feed over [firstDay, lastDay] (R8). */
  async ledgerPages(feedId: number, firstDay: number, lastDay: number): Promise<number> {
    const row = await this.knex('ledger_days').where({ feed_id: feedId }).andWhereBetween('day', [firstDay, lastDay]).sum<{ pages: number | null }>('pages as pages').first();
    return Number(row?.pages ?? 0);
  }

  async recordSend(send: NewCertificateSend): Promise<number> {
    const [row] = await this.knex('certificate_sends')
      .insert({
        certificate_id: send.certificateId,
        recipient: send.recipient,
        attempted_at: send.attemptedAt,
        status: send.status,
        message_id: send.messageId,
        error: send.error,
      })
      .returning<{ id: number }[]>('id');
    return row!.id;
  }

  /** Every e-mail attempt of the given certificates, oldest first. */
  async sends(certificateIds: number[]): Promise<CertificateSendRecord[]> {
    if (certificateIds.length === 0) return [];
    const out: CertificateSendRecord[] = [];
    for (let i = 0; i < certificateIds.length; i += 500) {
      const rows = await this.knex<SendRow>('certificate_sends').whereIn('certificate_id', certificateIds.slice(i, i + 500)).orderBy('id');
      out.push(...rows.map(toSend));
    }
    return out.sort((a, b) => a.id - b.id);
  }
}
