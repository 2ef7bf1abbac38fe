// The first schema: servers, feeds, the reads the ledger needs, the daily ledger, runs,
// anomalies, health history, settings and encrypted secrets. Nothing else about customers
// or their devices is stored (no addresses, IPs, serials or people's names).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('settings', (t) => {
    t.text('key').primary();
    t.text('value').notNullable(); // JSON
  });

  // Ciphertext only: the key that opens it lives in the OS keychain or a 0600 key file.
  await knex.schema.createTable('secrets', (t) => {
    t.text('name').primary();
    t.text('store').notNullable();
    t.text('ciphertext').notNullable();
    t.bigInteger('updated_at').notNullable();
  });

  await knex.schema.createTable('servers', (t) => {
    t.increments('id');
    t.text('name').notNullable();
    t.text('url').notNullable();
    t.text('entity_id').notNullable();
    t.text('entity_name');
    t.text('ca_pem');
    t.text('health').notNullable().defaultTo('unknown');
    t.text('health_reason');
    t.bigInteger('health_changed_at');
    t.bigInteger('checked_at');
    t.bigInteger('created_at').notNullable();
    t.unique(['url', 'entity_id']);
  });

  await knex.schema.createTable('feeds', (t) => {
    t.increments('id');
    t.integer('server_id').notNullable().references('id').inTable('servers').onDelete('CASCADE');
    t.text('entity_id').notNullable();
    t.text('name').notNullable();
    t.text('email');
    t.text('activation_date').notNullable(); // YYYY-MM-DD in the dealer's time zone
    t.text('scope').notNullable().checkIn(['all', 'managed']);
    t.text('status').notNullable().defaultTo('active').checkIn(['active', 'paused']);
    t.text('health').notNullable().defaultTo('healthy').checkIn(['healthy', 'unhealthy']);
    t.text('health_reason');
    t.bigInteger('health_changed_at');
    t.bigInteger('newest_fetched_at'); // R11: newest timestamp fetched, ignored reads included
    t.bigInteger('unhealthy_anchor_at'); // R6: newest stored read when the feed turned unhealthy
    t.bigInteger('recovered_at'); // R6: when it last turned healthy again
    t.text('ledger_tz'); // the zone the ledger is bucketed in (R4)
    t.bigInteger('last_collected_at');
    t.bigInteger('created_at').notNullable();
    t.unique(['server_id', 'entity_id']);
  });

  await knex.schema.createTable('devices', (t) => {
    t.increments('id');
    t.integer('feed_id').notNullable().references('id').inTable('feeds').onDelete('CASCADE');
    t.text('device_key').notNullable();
    t.boolean('managed').notNullable().defaultTo(false);
    t.text('family'); // R1: 'life' | 'default' | null while no usable counter was seen
    t.bigInteger('initial_count');
    t.bigInteger('latest_count');
    t.bigInteger('life_count').notNullable().defaultTo(0);
    t.bigInteger('newest_read_at');
    t.unique(['feed_id', 'device_key']);
  });

  // One row per device and instant (R2). WITHOUT ROWID keeps a year of reads compact.
  await knex.raw(`CREATE TABLE reads (
    device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    ts INTEGER NOT NULL,
    life INTEGER,
    def INTEGER,
    outcome TEXT,
    delta INTEGER NOT NULL DEFAULT 0,
    from_day INTEGER,
    to_day INTEGER,
    PRIMARY KEY (device_id, ts)
  ) WITHOUT ROWID`);

  // R7: the only source of totals. `day` is an epoch day in the dealer's time zone.
  await knex.raw(`CREATE TABLE ledger_days (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    PRIMARY KEY (feed_id, day)
  ) WITHOUT ROWID`);

  await knex.schema.createTable('anomalies', (t) => {
    t.increments('id');
    t.integer('feed_id').notNullable().references('id').inTable('feeds').onDelete('CASCADE');
    t.text('device_key').notNullable().defaultTo('');
    t.bigInteger('ts').notNullable().defaultTo(0);
    t.text('kind').notNullable();
    t.bigInteger('observed_at').notNullable();
    t.unique(['feed_id', 'device_key', 'ts', 'kind']);
    t.index(['observed_at']);
  });

  await knex.schema.createTable('runs', (t) => {
    t.increments('id');
    t.text('trigger').notNullable();
    t.text('status').notNullable().defaultTo('running');
    t.bigInteger('started_at').notNullable();
    t.bigInteger('finished_at');
    t.integer('feeds_total').notNullable().defaultTo(0);
  });

  // No foreign key to feeds: a run's history outlives a removed feed.
  await knex.schema.createTable('run_feeds', (t) => {
    t.integer('run_id').notNullable().references('id').inTable('runs').onDelete('CASCADE');
    t.integer('feed_id').notNullable();
    t.text('entity_id').notNullable();
    t.text('name').notNullable();
    t.text('status').notNullable();
    t.integer('reads').notNullable().defaultTo(0);
    t.integer('pages').notNullable().defaultTo(0);
    t.text('error');
    t.bigInteger('finished_at').notNullable();
    t.primary(['run_id', 'feed_id']);
  });

  await knex.schema.createTable('run_servers', (t) => {
    t.integer('run_id').notNullable().references('id').inTable('runs').onDelete('CASCADE');
    t.integer('server_id').notNullable();
    t.text('health').notNullable();
    t.text('reason');
    t.primary(['run_id', 'server_id']);
  });

  await knex.schema.createTable('health_events', (t) => {
    t.increments('id');
    t.text('subject').notNullable().checkIn(['server', 'feed']);
    t.integer('subject_id').notNullable();
    t.text('health').notNullable();
    t.text('reason');
    t.bigInteger('observed_at').notNullable();
    t.index(['subject', 'subject_id']);
  });

  // A lock that survives a crash: the owner's pid and a heartbeat tell a stale one apart.
  await knex.schema.createTable('locks', (t) => {
    t.text('name').primary();
    t.text('owner').notNullable();
    t.integer('pid').notNullable();
    t.bigInteger('acquired_at').notNullable();
    t.bigInteger('heartbeat_at').notNullable();
  });
}
