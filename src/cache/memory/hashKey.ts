/** FNV-1a over the UTF-16 code units of a key, as a signed 32-bit integer: once per new entry, never per hit. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash | 0;
}
