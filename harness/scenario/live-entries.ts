/** One row of a node's connections, routes or units in the live view. */
export interface LiveEntry {
  key: string;
  value: string;
  /** What else is known (a unit's work type). */
  detail?: string;
  /** Appeared or changed within the highlight window. */
  changed: boolean;
  /** Gone within the highlight window: still shown, struck out. */
  removed: boolean;
}

/** What happened to one key between two readings. */
export interface EntryChange {
  key: string;
  before?: string;
  after?: string;
  detail?: string;
}

interface Mark {
  value: string;
  detail?: string;
  changedAt?: number;
  removedAt?: number;
}

/**
 * One section of one node (its connections, routes or units) across polls: what changed since
 * the last reading, and when each entry last changed, so a renderer can highlight it for a while.
 */
export class TrackedEntries {
  private readonly marks = new Map<string, Mark>();

  /**
   * Takes this poll's entries (key → value, with an optional detail per key). `quiet`: a first
   * reading, which sets what is there without calling anything changed.
   */
  update(now: Record<string, string>, at: number, quiet: boolean, details: Record<string, string> = {}): EntryChange[] {
    const changes: EntryChange[] = [];
    for (const [key, value] of Object.entries(now)) {
      const mark = this.marks.get(key);
      const live = mark && mark.removedAt === undefined ? mark : undefined;
      if (live?.value === value) continue;
      const detail = details[key];
      changes.push({ key, ...(live ? { before: live.value } : {}), after: value, ...(detail !== undefined ? { detail } : {}) });
      this.marks.set(key, { value, ...(detail !== undefined ? { detail } : {}), ...(quiet ? {} : { changedAt: at }) });
    }
    for (const [key, mark] of this.marks) {
      if (key in now || mark.removedAt !== undefined) continue;
      changes.push({ key, before: mark.value, ...(mark.detail !== undefined ? { detail: mark.detail } : {}) });
      mark.removedAt = at;
    }
    return quiet ? [] : changes;
  }

  /** Everything is gone (the node went down): no changes to report, each entry struck out for a while. */
  clear(at: number): void {
    for (const mark of this.marks.values()) mark.removedAt ??= at;
  }

  /** The entries to show at `at`, sorted by key: present ones, and those gone less than `windowMs` ago. */
  entries(at: number, windowMs: number): LiveEntry[] {
    const recent = (t: number | undefined) => t !== undefined && at - t < windowMs;
    const shown: LiveEntry[] = [];
    for (const [key, mark] of [...this.marks].sort(([a], [b]) => a.localeCompare(b))) {
      if (mark.removedAt !== undefined && !recent(mark.removedAt)) {
        this.marks.delete(key);
        continue;
      }
      const removed = mark.removedAt !== undefined;
      shown.push({ key, value: mark.value, ...(mark.detail !== undefined ? { detail: mark.detail } : {}), changed: removed || recent(mark.changedAt), removed });
    }
    return shown;
  }
}
