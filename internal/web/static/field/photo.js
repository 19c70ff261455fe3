// Photos are shrunk on the phone before they wait in the outbox: the
// longest side to 1600 px, JPEG at quality 0.8. Drawing the picture anew
// also drops its EXIF data (the camera's own position, the phone's model).

export const MAX_SIDE = 1600;
export const QUALITY = 0.8;

// resize returns the picture in file as a JPEG Blob no larger than max px.
export async function resize(file, max = MAX_SIDE, quality = QUALITY) {
  const img = await decode(file);
  const w0 = img.width, h0 = img.height;
  const scale = Math.min(1, max / Math.max(w0, h0));
  const w = Math.max(1, Math.round(w0 * scale)), h = Math.max(1, Math.round(h0 * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff'; // JPEG has no transparency
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(img, 0, 0, w, h);
  if (img.close) img.close();
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), 'image/jpeg', quality);
  });
}

// decode turns the camera's file into something a canvas can draw, turned
// upright by its EXIF orientation.
async function decode(file) {
  if ('createImageBitmap' in globalThis) {
    try {
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch { /* fall back to an <img>, which decodes more formats on some phones */ }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

// sha256 returns the hex SHA-256 of a Blob: the name the server stores it under.
export async function sha256(blob) {
  const d = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(d), (x) => x.toString(16).padStart(2, '0')).join('');
}

// prepare resizes a photo and names it: {sha, blob, type}.
export async function prepare(file) {
  const blob = await resize(file);
  return { sha: await sha256(blob), blob, type: 'image/jpeg' };
}
