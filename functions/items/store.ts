/**
 * Items in D1: the envelope and the few clear fields routing, status and retention need, written
 * in one batch with the item's secret, its kind's own row and its deliveries, so that nothing is
 * ever half-written.
 */
import type { ItemEnvelope } from "../../site/src/domain/crypto/hpke.ts";

export interface NewItem {
  reference: string;
  kind: string;
  provinceCode: string;
  communeCode: string;
  officeId: string;
  lang: string;
  formVersion: string;
  envelope: ItemEnvelope;
  sealedOn: "device" | "worker";
  idempotencyKey: string;
  contentHash: string;
  status: string;
  createdAt: string;
  retainUntil: string;
  secret: { codeHmac: string; receiptCode: string; receiptUntil: string };
}

export interface PlannedDelivery {
  id: string;
  channel: "email" | "webhook";
  target: string;
}

export function insertItemStatements(
  db: D1Database,
  item: NewItem,
  own: D1PreparedStatement[],
  deliveries: PlannedDelivery[],
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO items (reference, kind, province_code, commune_code, office_id, lang, form_version, envelope, sealed_on,
           idempotency_key, content_hash, status, created_at, updated_at, retain_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)`,
      )
      .bind(
        item.reference,
        item.kind,
        item.provinceCode,
        item.communeCode,
        item.officeId,
        item.lang,
        item.formVersion,
        JSON.stringify(item.envelope),
        item.sealedOn,
        item.idempotencyKey,
        item.contentHash,
        item.status,
        item.createdAt,
        item.retainUntil,
      ),
    db
      .prepare(
        "INSERT INTO item_secrets (reference, code_hmac, receipt_code, receipt_until) VALUES (?, ?, ?, ?)",
      )
      .bind(
        item.reference,
        item.secret.codeHmac,
        item.secret.receiptCode,
        item.secret.receiptUntil,
      ),
    ...own,
    ...deliveries.map((d) =>
      db
        .prepare(
          "INSERT INTO deliveries (id, reference, channel, target, created_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(d.id, item.reference, d.channel, d.target, item.createdAt),
    ),
  ];
}

export interface ItemByKey {
  reference: string;
  kind: string;
  content_hash: string;
  office_name: string;
  receipt_code: string | null;
  receipt_until: string | null;
}

export function findItemByKey(db: D1Database, key: string): Promise<ItemByKey | null> {
  return db
    .prepare(
      `SELECT i.reference, i.kind, i.content_hash, o.name AS office_name, s.receipt_code, s.receipt_until
         FROM items i JOIN offices o ON o.id = i.office_id LEFT JOIN item_secrets s ON s.reference = i.reference
        WHERE i.idempotency_key = ?`,
    )
    .bind(key)
    .first<ItemByKey>();
}
