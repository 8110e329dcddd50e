/**
 * The ids a bulk delete has already taken, kept in typed arrays rather than as strings in a `Set`.
 *
 * A batch of a million distinct ids must remember every one of them to delete each once. As a
 * `Set`, they are a million small objects the garbage collector keeps walking, and V8 sizes its heap
 * in proportion to what survives: a streamed batch's process grew by 348 MB, where bare `fetch`
 * workers grew by 70 MB (BENCHMARKS.md). Here every key is copied, as UTF-16 code units (exact, so no two ids can ever
 * compare equal unless they are), into one growing buffer, and found through an open-addressing
 * table of key numbers. Equality is decided on the code units, never on the hash alone: two ids
 * whose hashes collide are two ids, and both are deleted.
 */
export type SeenKeys = (tag: number, text: string) => boolean;

/**
 * A new, empty set. Its function adds the key `tag` + `text` (the tag keeps, say, the number 1 and
 * the string "1" apart) and says whether the key was new. (A closure rather than a class, and no
 * stored hashes: the module is in every client's bundle, and this is its smallest form.)
 */
export function seenKeys(): SeenKeys {
  /** Every key's code units, one after another; past the last key, the one being looked up. */
  let units = new Uint16Array(1024);
  /** Where key `n` starts in `units`; `starts[count]` is where the next one will. */
  let starts = new Uint32Array(64);
  /** 0 for an empty slot, else key number + 1. Its length is a power of two, over twice `count`. */
  let slots = new Uint32Array(128);
  let count = 0;

  /** The slot of the key written at `from`..`to`: its own, or the empty one where it belongs. */
  const find = (table: Uint32Array, from: number, to: number): number => {
    // FNV-1a over the code units.
    let hash = 0x811c9dc5;
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ (units[i] ?? 0), 0x01000193);
    const mask = table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const key = (table[slot] ?? 0) - 1;
      if (key < 0) return slot;
      const start = starts[key] ?? 0;
      let same = (starts[key + 1] ?? 0) - start === to - from;
      for (let i = 0; same && i < to - from; i++) same = units[start + i] === units[from + i];
      if (same) return slot;
    }
  };

  return (tag, text) => {
    const from = starts[count] ?? 0;
    const to = from + text.length + 1;
    if (to > units.length) {
      const next = new Uint16Array(Math.max(2 * units.length, 2 * to));
      next.set(units);
      units = next;
    }
    units[from] = tag;
    for (let i = 0; i < text.length; i++) units[from + 1 + i] = text.charCodeAt(i);
    const slot = find(slots, from, to);
    if (slots[slot] !== 0) return false;
    // New: its units stay where they were written; index them.
    if (count + 2 > starts.length) {
      const next = new Uint32Array(2 * starts.length);
      next.set(starts);
      starts = next;
    }
    slots[slot] = ++count;
    starts[count] = to;
    if (2 * count > slots.length) {
      const table = new Uint32Array(2 * slots.length);
      for (let key = 0; key < count; key++) table[find(table, starts[key] ?? 0, starts[key + 1] ?? 0)] = key + 1;
      slots = table;
    }
    return true;
  };
}
