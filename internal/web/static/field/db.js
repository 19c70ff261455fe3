// The app's IndexedDB: everything a day offline needs.
//
//   meta    small values by key (device_id)
//   days    the day's stops as the server last sent them, by day
//   outbox  events waiting to be sent, in the order they were made
//   blobs   photos and signatures by SHA-256, uploaded before their event
//   sent    events this phone sent, kept a few days to show its own records
import { openDB } from '../vendor/idb/index.js';

export const DB_NAME = 'jiuzhu-field';

export function openFieldDB(name = DB_NAME) {
  return openDB(name, 1, {
    upgrade(db) {
      db.createObjectStore('meta');
      db.createObjectStore('days', { keyPath: 'day' });
      // An auto-increment key keeps the order events were made in, even if
      // the phone's clock steps back between two of them.
      const out = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      out.createIndex('id', 'id', { unique: true });
      out.createIndex('order', 'order_id');
      db.createObjectStore('blobs', { keyPath: 'sha' });
      const sent = db.createObjectStore('sent', { keyPath: 'id' });
      sent.createIndex('order', 'order_id');
    },
  });
}

// deviceID returns this phone's id, made once and kept: the server tells
// two phones' offline records of the same visit apart by it.
export async function deviceID(db) {
  let id = await db.get('meta', 'device_id');
  if (!id) {
    id = crypto.randomUUID();
    // add, not put: if another tab made one first, keep theirs.
    try { await db.add('meta', id, 'device_id'); } catch { id = await db.get('meta', 'device_id'); }
  }
  return id;
}

// prune drops sent records and uploaded blobs older than keepMs that no
// waiting event still needs.
export async function prune(db, keepMs, now = Date.now()) {
  const tx = db.transaction(['outbox', 'blobs', 'sent'], 'readwrite');
  const needed = new Set();
  for (const it of await tx.objectStore('outbox').getAll()) (it.blobs || []).forEach((s) => needed.add(s));
  let c = await tx.objectStore('blobs').openCursor();
  while (c) {
    if (!needed.has(c.value.sha) && now - (c.value.at || 0) > keepMs) await c.delete();
    c = await c.continue();
  }
  c = await tx.objectStore('sent').openCursor();
  while (c) {
    if (now - (c.value.at || 0) > keepMs) await c.delete();
    c = await c.continue();
  }
  await tx.done;
}
