import { registerJournalTitles } from '../../platform/journal/titles.js';

registerJournalTitles({
  actions: {
    'calendar.local_day_added': 'Особый день календаря муниципального образования',
    'calendar.local_day_changed': 'Изменение особого дня календаря муниципального образования',
    'calendar.local_day_removed': 'Отмена особого дня календаря муниципального образования',
    'calendar.year_imported': 'Загрузка производственного календаря на год',
    'term.recomputed': 'Пересчёт срока по производственному календарю',
  },
  objectTypes: {
    calendar_day: 'День производственного календаря',
    calendar_year: 'Производственный календарь на год',
    term: 'Срок',
  },
});
