// Small deterministic number tools for the simulator: everything it serves is a pure
// function of the seed and a few integers, so any read can be computed in O(1).

/** murmur3's 32-bit finaliser: a good, cheap avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hash2(a: number, b: number): number {
  return fmix32(Math.imul(fmix32(a ^ 0x9e3779b9), 0x27d4eb2d) ^ b);
}

export function hash3(a: number, b: number, c: number): number {
  return hash2(hash2(a, b), c);
}

/** A number in [0, 1) from a 32-bit hash. */
export function unit(h: number): number {
  return h / 4_294_967_296;
}

export function hashString(s: string): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Sequential generator for the one-off choices made at start (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** 24 lowercase hex characters, like a Print Tracker entity id. */
export function hex24(a: number, b: number, c: number): string {
  return hex8(a) + hex8(b) + hex8(c);
}

/** A 36-character UUID-shaped string (version 4 layout) from a seed. */
export function uuidFrom(seed: number): string {
  const h = [hash2(seed, 11), hash2(seed, 12), hash2(seed, 13), hash2(seed, 14)].map(hex8).join('');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
