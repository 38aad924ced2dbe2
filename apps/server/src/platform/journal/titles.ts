/** Russian titles of journal actions and object types, for the journal view and extracts. */
export interface JournalTitleSet {
  actions?: Record<string, string>;
  objectTypes?: Record<string, string>;
}

/** Every module's titles together (modules declare theirs in their descriptor). */
export class JournalTitles {
  readonly #actions = new Map<string, string>();
  readonly #objectTypes = new Map<string, string>();

  constructor(sets: Iterable<JournalTitleSet | undefined>) {
    for (const set of sets) {
      for (const [k, v] of Object.entries(set?.actions ?? {})) this.#actions.set(k, v);
      for (const [k, v] of Object.entries(set?.objectTypes ?? {})) this.#objectTypes.set(k, v);
    }
  }

  actionTitle(action: string): string {
    return this.#actions.get(action) ?? action;
  }

  objectTypeTitle(objectType: string): string {
    return this.#objectTypes.get(objectType) ?? objectType;
  }

  /** Every action some module journals: the test that produces each one reads this. */
  knownActions(): string[] {
    return [...this.#actions.keys()];
  }

  knownObjectTypes(): Array<{ code: string; title: string }> {
    return [...this.#objectTypes].map(([code, title]) => ({ code, title }));
  }
}
