// A signature pad: the person signs with a finger on a canvas, saved as PNG.
// Strokes are kept in CSS pixels, so turning the phone redraws them.

export class SignPad {
  // strokes may be an earlier pad's, so a redrawn page keeps the signature.
  constructor(canvas, strokes = []) {
    this.canvas = canvas;
    this.strokes = strokes;
    this.current = null;
    this.onchange = () => {};
    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    for (const t of ['pointerup', 'pointercancel', 'pointerleave']) canvas.addEventListener(t, () => this.up());
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(canvas);
    this.fit();
  }

  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  down(e) {
    e.preventDefault();
    this.canvas.setPointerCapture?.(e.pointerId);
    this.current = [this.point(e)];
    this.strokes.push(this.current);
    this.draw();
  }

  move(e) {
    if (!this.current) return;
    e.preventDefault();
    // Coalesced events keep fast strokes smooth on phones.
    const evs = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
    for (const c of evs.length ? evs : [e]) this.current.push(this.point(c));
    this.draw();
  }

  up() {
    if (!this.current) return;
    this.current = null;
    this.onchange();
  }

  // fit matches the canvas's pixels to its size on screen.
  fit() {
    const r = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(r.width * dpr)), h = Math.max(1, Math.round(r.height * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    this.draw();
  }

  draw() {
    const c = this.canvas, ctx = c.getContext('2d');
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const s of this.strokes) {
      ctx.beginPath();
      ctx.moveTo(s[0][0], s[0][1]);
      if (s.length === 1) ctx.lineTo(s[0][0] + 0.1, s[0][1]);
      for (const [x, y] of s.slice(1)) ctx.lineTo(x, y);
      ctx.stroke();
    }
  }

  isEmpty() {
    return this.strokes.length === 0;
  }

  clear() {
    this.strokes.length = 0;
    this.draw();
    this.onchange();
  }

  // toBlob returns the signature as a PNG Blob.
  toBlob() {
    return new Promise((resolve, reject) => {
      this.canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), 'image/png');
    });
  }

  destroy() {
    this.observer.disconnect();
  }
}
