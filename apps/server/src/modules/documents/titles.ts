import { registerJournalTitles } from '../../platform/journal/titles.js';

registerJournalTitles({
  actions: {
    'document.uploaded': 'Загрузка документа',
    'document.signed': 'Подписание документа электронной подписью',
  },
  objectTypes: { document: 'Документ' },
});
