// Positions: the phone's GPS fix and the distance to the home.

const R = 6371008.8; // mean Earth radius in metres

// distance returns the great-circle (haversine) distance in metres.
export function distance(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

// hasPlace reports whether a target has coordinates to compare with.
export function hasPlace(t) {
  return !!t && Number.isFinite(t.lat) && Number.isFinite(t.lon) && (t.lat !== 0 || t.lon !== 0);
}

// fence compares a fix with the home's geofence. A fix counts as outside
// only if even its accuracy circle's nearest edge is beyond the radius: a
// poor fix is not the worker's fault, and the server has the last word.
export function fence(fix, target) {
  const d = distance(fix, target);
  const radius = target.radius_m || 0;
  return { distance: d, radius, outside: radius > 0 && d - (fix.accuracy_m || 0) > radius };
}

// locate asks for one fix: {pos: {lat, lon, accuracy_m}, at} or {error}
// with error one of denied, unavailable, timeout, unsupported. It never
// rejects: a visit is recorded with or without a position.
export function locate({ timeout = 20000, maximumAge = 30000 } = {}) {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) { resolve({ error: 'unsupported' }); return; }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({
        pos: { lat: p.coords.latitude, lon: p.coords.longitude, accuracy_m: Math.round(p.coords.accuracy || 0) },
        at: p.timestamp || Date.now(),
      }),
      (e) => resolve({ error: ['', 'denied', 'unavailable', 'timeout'][e.code] || 'unavailable' }),
      { enableHighAccuracy: true, timeout, maximumAge },
    );
  });
}
