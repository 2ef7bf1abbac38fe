// Certificates of Reforestation (R10): one certification record per feed and month (kept
// even when no document is issued), the issued certificates with their frozen render inputs
// and the SHA-256 of their PDF file, dealer logos stored once, and every e-mail attempt.
//
// No foreign key from these tables to feeds: an issued certificate is a document the
// customer already holds, so it outlives a removed feed (like run_feeds). Feed ids are
// AUTOINCREMENT, never reused, so a stale feed_id can never point at another customer.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Content-addressed: a logo used by a thousand certificates is stored once.
  await knex.schema.createTable('certificate_logos', (t) => {
    t.text('sha256').primary();
    t.text('type').notNullable().checkIn(['png', 'jpeg']);
    t.binary('bytes').notNullable();
  });

  await knex.schema.createTable('certificates', (t) => {
    t.increments('id');
    t.integer('seq').notNullable().unique(); // the global sequence in the number
    t.text('number').notNullable().unique(); // PR-2025-10-000123
    t.integer('feed_id').notNullable();
    t.text('entity_id').notNullable(); // snapshot
    t.text('customer_name').notNullable(); // snapshot
    t.text('month').notNullable(); // YYYY-MM
    t.bigInteger('pages').notNullable(); // shown, carried pages included
    t.bigInteger('carried_pages').notNullable();
    t.bigInteger('ledger_pages').notNullable(); // P at certification
    t.float('trees').notNullable(); // R9, rounded as shown
    t.text('fingerprint').notNullable();
    t.bigInteger('issued_at').notNullable();
    t.text('pdf_path').notNullable(); // relative to the data folder
    t.text('pdf_sha256').notNullable();
    t.integer('pdf_size').notNullable();
    t.text('document').notNullable(); // the frozen render inputs (JSON, logo by hash)
    t.text('logo_sha256').references('sha256').inTable('certificate_logos');
    t.unique(['feed_id', 'month']);
    t.index(['month']);
  });

  await knex.schema.createTable('certifications', (t) => {
    t.integer('feed_id').notNullable();
    t.text('month').notNullable();
    t.bigInteger('ledger_pages').notNullable(); // P
    t.bigInteger('open_carry').notNullable(); // C before this month
    t.bigInteger('shown_pages').notNullable(); // max(0, P + C)
    t.bigInteger('carried_pages').notNullable(); // shown − P
    t.integer('certificate_id').references('id').inTable('certificates');
    t.bigInteger('certified_at').notNullable();
    t.primary(['feed_id', 'month']);
  });

  await knex.schema.createTable('certificate_sends', (t) => {
    t.increments('id');
    t.integer('certificate_id').notNullable().references('id').inTable('certificates');
    t.text('recipient').notNullable();
    t.bigInteger('attempted_at').notNullable();
    t.text('status').notNullable().checkIn(['sent', 'failed']);
    t.text('message_id');
    t.text('error');
    t.index(['certificate_id']);
  });
}
