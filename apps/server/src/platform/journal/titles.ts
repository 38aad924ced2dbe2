/** Russian titles of journal actions and object types, for the journal view and extracts. */
const actionTitles = new Map<string, string>();
const objectTypeTitles = new Map<string, string>();

export function registerJournalTitles(input: {
  actions?: Record<string, string>;
  objectTypes?: Record<string, string>;
}): void {
  for (const [k, v] of Object.entries(input.actions ?? {})) actionTitles.set(k, v);
  for (const [k, v] of Object.entries(input.objectTypes ?? {})) objectTypeTitles.set(k, v);
}

export function actionTitle(action: string): string {
  return actionTitles.get(action) ?? action;
}

export function objectTypeTitle(objectType: string): string {
  return objectTypeTitles.get(objectType) ?? objectType;
}

/** Every action some module journals: the test that produces each one reads this. */
export function knownActions(): string[] {
  return [...actionTitles.keys()];
}

export function knownObjectTypes(): Array<{ code: string; title: string }> {
  return [...objectTypeTitles].map(([code, title]) => ({ code, title }));
}
