// UUIDv7 (RFC 9562 §5.7): a 48-bit Unix timestamp in milliseconds, the
// version 7, the variant bits 10 and random bits from crypto.getRandomValues.
// Every visit event gets one on the phone; the server uses it as the
// idempotency key, so it must never repeat.
//
// Ids from one page are strictly increasing (RFC 9562 §6.2, method 2): an id
// made in the same millisecond as the last, or after the clock stepped back,
// is the last id plus one in its 74 random bits.

let last = null; // the previous id's bytes
let lastMs = -1;

export function uuid7(now = Date.now()) {
  const b = new Uint8Array(16);
  if (now > lastMs || last === null) {
    crypto.getRandomValues(b);
    writeTime(b, now);
    lastMs = now;
  } else {
    b.set(last);
    if (!increment(b)) { // 2^74 ids in one millisecond: move the clock on
      lastMs += 1;
      crypto.getRandomValues(b);
      writeTime(b, lastMs);
    }
  }
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  last = b;
  return format(b);
}

function writeTime(b, ms) {
  let t = Math.max(0, Math.floor(ms));
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
}

// increment adds one to the random bits (rand_a, then rand_b past the
// variant), reporting false on overflow.
function increment(b) {
  for (let i = 15; i >= 9; i--) {
    if (b[i] < 0xff) { b[i]++; return true; }
    b[i] = 0;
  }
  if ((b[8] & 0x3f) < 0x3f) { b[8]++; return true; }
  b[8] &= 0xc0;
  if (b[7] < 0xff) { b[7]++; return true; }
  b[7] = 0;
  if ((b[6] & 0x0f) < 0x0f) { b[6]++; return true; }
  b[6] &= 0xf0;
  return false;
}

function format(b) {
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// isUUID7 reports whether s is a UUIDv7 in canonical lower-case form.
export function isUUID7(s) {
  return typeof s === 'string' && pattern.test(s);
}

// uuid7Time returns the millisecond timestamp of a UUIDv7.
export function uuid7Time(s) {
  return parseInt(s.replace(/-/g, '').slice(0, 12), 16);
}
