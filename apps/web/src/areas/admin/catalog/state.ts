import type { ServiceListItem } from '@uslugi/contracts';

export interface StateBadge {
  text: string;
  tone: 'ok' | 'muted' | 'warn' | 'accent';
}

/** «Действующая версия 2», «Черновик версии 3», «На портале» / «Не публикуется». */
export function serviceState(service: ServiceListItem): StateBadge[] {
  const badges: StateBadge[] = [];
  if (service.current) badges.push({ text: `Действующая версия ${service.current.number}`, tone: 'ok' });
  else badges.push({ text: 'Нет действующей версии', tone: 'muted' });
  if (service.draft) badges.push({ text: `Черновик версии ${service.draft.number}`, tone: 'warn' });
  badges.push(
    service.offered && service.current
      ? { text: 'На портале', tone: 'accent' }
      : { text: 'Не публикуется', tone: 'muted' },
  );
  return badges;
}
