// The one door to the database: the engine gets typed repositories, never SQL.
import type { Knex } from 'knex';
import { openKnex } from './connection';
import { CertificatesRepository } from './repositories/certificates';
import { FeedsRepository } from './repositories/feeds';
import { HealthEventsRepository } from './repositories/health-events';
import { LedgerRepository } from './repositories/ledger';
import { LocksRepository } from './repositories/locks';
import { RunsRepository } from './repositories/runs';
import { SecretsRepository } from './repositories/secrets';
import { ServersRepository } from './repositories/servers';
import { SettingsRepository } from './repositories/settings';

export class Database {
  readonly settings: SettingsRepository;
  readonly secrets: SecretsRepository;
  readonly servers: ServersRepository;
  readonly feeds: FeedsRepository;
  readonly ledger: LedgerRepository;
  readonly runs: RunsRepository;
  readonly healthEvents: HealthEventsRepository;
  readonly locks: LocksRepository;
  readonly certificates: CertificatesRepository;

  private constructor(private readonly knex: Knex) {
    this.settings = new SettingsRepository(knex);
    this.secrets = new SecretsRepository(knex);
    this.servers = new ServersRepository(knex);
    this.feeds = new FeedsRepository(knex);
    this.ledger = new LedgerRepository(knex);
    this.runs = new RunsRepository(knex);
    this.healthEvents = new HealthEventsRepository(knex);
    this.locks = new LocksRepository(knex);
    this.certificates = new CertificatesRepository(knex);
  }

  static async open(file: string): Promise<Database> {
    return new Database(await openKnex(file));
  }

  /** Every row of every table, for consistency checks and tests ("nothing was written"). */
  async snapshot(): Promise<Record<string, unknown[]>> {
    const tables = await this.knex('sqlite_master').where({ type: 'table' }).whereNot('name', 'like', 'sqlite_%').orderBy('name').pluck<string[]>('name');
    const out: Record<string, unknown[]> = {};
    for (const t of tables) out[t] = await this.knex(t).select('*').orderByRaw('1, 2');
    return out;
  }

  /**
   * Checks what must hold between complete feed collections (R7): SQLite's own integrity,
   * foreign keys, and per feed ledger pages = Σ device LifeCount = Σ read deltas.
   * Returns the problems found (none: an empty list).
   */
  async consistencyProblems(): Promise<string[]> {
    const problems: string[] = [];
    const integrity = (await this.knex.raw('PRAGMA integrity_check')) as { integrity_check: string }[];
    if (integrity[0]?.integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(integrity)}`);
    const fk = (await this.knex.raw('PRAGMA foreign_key_check')) as unknown[];
    if (fk.length > 0) problems.push(`foreign_key_check: ${fk.length} rows`);
    const rows = (await this.knex.raw(`
      SELECT f.id AS feed,
        (SELECT COALESCE(SUM(pages), 0) FROM ledger_days l WHERE l.feed_id = f.id) AS ledger,
        (SELECT COALESCE(SUM(life_count), 0) FROM devices d WHERE d.feed_id = f.id) AS devices,
        (SELECT COALESCE(SUM(r.delta), 0) FROM reads r JOIN devices d ON d.id = r.device_id WHERE d.feed_id = f.id) AS deltas
      FROM feeds f`)) as { feed: number; ledger: number; devices: number; deltas: number }[];
    for (const r of rows) {
      if (r.ledger !== r.devices || r.ledger !== r.deltas) problems.push(`feed ${r.feed}: ledger ${r.ledger}, devices ${r.devices}, read deltas ${r.deltas}`);
    }
    return problems;
  }

  async close(): Promise<void> {
    await this.knex.destroy();
  }
}
