import {
  APPLICANT_KIND_TITLES,
  APPLICANT_KINDS,
  CHANNEL_TITLES,
  CHANNELS,
  type ServiceDefinition,
} from '@uslugi/contracts';
import { useWatch } from 'react-hook-form';
import type { Option } from '../../../components/form/Field';
import {
  CheckboxGroup,
  CheckboxInput,
  DateInput,
  ListEditor,
  NullableTextInput,
  NumberInput,
  Optional,
  SelectInput,
  StringListEditor,
  TermInput,
  TextInput,
} from './fields';
import { REFERENCE_LISTS } from './reference';

const VALIDITY_UNIT_OPTIONS: Option[] = [
  { value: 'days', label: 'дней' },
  { value: 'months', label: 'месяцев' },
  { value: 'years', label: 'лет' },
];

/** The name of an item of a card's list, for the item's legend. */
function useItemName(name: string, field: 'name' | 'text') {
  const items = useWatch({ name }) as Record<string, unknown>[] | undefined;
  return (index: number) => {
    const value = items?.[index]?.[field];
    return typeof value === 'string' && value ? (value.length > 80 ? `${value.slice(0, 80)}…` : value) : '';
  };
}

/** «Карточка»: what the service is and whom it serves, the part the portal shows. */
export function CardTab({ unitOptions }: { unitOptions: Option[] }) {
  const documentName = useItemName('card.applicantDocuments', 'name');
  const interagencyName = useItemName('card.interagencyDocuments', 'name');
  const intakeGround = useItemName('card.intakeRefusalGrounds', 'text');
  const serviceGround = useItemName('card.serviceRefusalGrounds', 'text');
  const resultName = useItemName('card.results', 'name');
  const card = 'card';
  return (
    <div className="definition-part" data-testid="catalog-card">
      <section className="panel">
        <h2>Наименование</h2>
        <TextInput name={`${card}.name`} label="Наименование услуги" required multiline maxLength={1000} />
        <TextInput name={`${card}.shortName`} label="Краткое наименование" required maxLength={200} />
        <TextInput name={`${card}.description`} label="Описание" multiline maxLength={4000} />
        <SelectInput
          name={`${card}.responsibleUnitRef`}
          label="Ответственное подразделение"
          required
          options={unitOptions}
        />
      </section>

      <section className="panel">
        <h2>Административный регламент</h2>
        <TextInput
          name={`${card}.regulation.title`}
          label="Наименование"
          required
          multiline
          maxLength={1000}
        />
        <div className="form-grid">
          <TextInput name={`${card}.regulation.issuer`} label="Кем утверждён" maxLength={300} />
          <TextInput name={`${card}.regulation.number`} label="Номер" required maxLength={60} />
          <DateInput name={`${card}.regulation.date`} label="Дата" required />
        </div>
        <NullableTextInput name={`${card}.regulation.url`} label="Ссылка на текст" />
      </section>

      <section className="panel">
        <h2>Заявители и способы подачи</h2>
        <ListEditor
          name={`${card}.applicantCategories`}
          title="Категории заявителей"
          itemLabel="Категория"
          make={() => ({ kind: 'individual', representativeAllowed: true })}
          render={(i) => (
            <div className="form-grid">
              <SelectInput
                name={`${card}.applicantCategories.${i}.kind`}
                label="Заявитель"
                options={APPLICANT_KINDS.map((kind) => ({ value: kind, label: APPLICANT_KIND_TITLES[kind] }))}
              />
              <CheckboxInput
                name={`${card}.applicantCategories.${i}.representativeAllowed`}
                label="Допускается представитель"
              />
            </div>
          )}
        />
        <CheckboxGroup
          name={`${card}.channels`}
          label="Способы подачи заявления"
          options={CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_TITLES[channel] }))}
        />
      </section>

      <section className="panel">
        <h2>Документы</h2>
        <ListEditor
          name={`${card}.applicantDocuments`}
          title="Документы, которые представляет заявитель"
          itemLabel="Документ"
          summary={documentName}
          empty="Документы не указаны."
          make={() => ({
            key: '',
            name: '',
            documentType: '',
            required: true,
            condition: '',
            clause: '',
          })}
          render={(i) => {
            const at = `${card}.applicantDocuments.${i}`;
            return (
              <>
                <TextInput name={`${at}.name`} label="Документ" required multiline maxLength={1000} />
                <div className="form-grid">
                  <TextInput name={`${at}.key`} label="Ключ" required maxLength={60} />
                  <TextInput
                    name={`${at}.documentType`}
                    label="Вид документа (код)"
                    required
                    maxLength={60}
                    list={REFERENCE_LISTS.documentTypes}
                  />
                  <CheckboxInput name={`${at}.required`} label="Обязателен" />
                </div>
                <TextInput name={`${at}.condition`} label="Когда нужен" maxLength={1000} />
                <TextInput name={`${at}.clause`} label="Пункт регламента или статья закона" maxLength={300} />
              </>
            );
          }}
        />
        <ListEditor
          name={`${card}.interagencyDocuments`}
          title="Документы, получаемые по межведомственным запросам"
          itemLabel="Сведения"
          summary={interagencyName}
          empty="Межведомственные запросы не предусмотрены."
          make={() => ({ key: '', name: '', documentType: '', agency: '', requestKind: '', clause: '' })}
          render={(i) => {
            const at = `${card}.interagencyDocuments.${i}`;
            return (
              <>
                <TextInput
                  name={`${at}.name`}
                  label="Документ (сведения)"
                  required
                  multiline
                  maxLength={1000}
                />
                <div className="form-grid">
                  <TextInput name={`${at}.key`} label="Ключ" required maxLength={60} />
                  <TextInput
                    name={`${at}.documentType`}
                    label="Вид документа (код)"
                    required
                    maxLength={60}
                    list={REFERENCE_LISTS.documentTypes}
                  />
                  <TextInput
                    name={`${at}.agency`}
                    label="Орган (код)"
                    required
                    maxLength={60}
                    list={REFERENCE_LISTS.agencies}
                  />
                  <TextInput
                    name={`${at}.requestKind`}
                    label="Вид сведений СМЭВ (код)"
                    required
                    maxLength={60}
                    list={REFERENCE_LISTS.requestKinds}
                  />
                </div>
                <TextInput name={`${at}.clause`} label="Пункт регламента или статья закона" maxLength={300} />
              </>
            );
          }}
        />
      </section>

      <section className="panel">
        <h2>Основания для отказа</h2>
        {(
          [
            ['intakeRefusalGrounds', 'Основания для отказа в приёме документов', intakeGround],
            ['serviceRefusalGrounds', 'Основания для отказа в предоставлении услуги', serviceGround],
          ] as const
        ).map(([list, title, summary]) => (
          <ListEditor
            key={list}
            name={`${card}.${list}`}
            title={title}
            itemLabel="Основание"
            summary={summary}
            empty="Основания не указаны."
            make={() => ({ key: '', text: '', clause: '' })}
            render={(i) => (
              <>
                <TextInput
                  name={`${card}.${list}.${i}.text`}
                  label="Основание"
                  required
                  multiline
                  maxLength={2000}
                />
                <div className="form-grid">
                  <TextInput name={`${card}.${list}.${i}.key`} label="Ключ" required maxLength={60} />
                  <TextInput
                    name={`${card}.${list}.${i}.clause`}
                    label="Пункт регламента или статья закона"
                    maxLength={300}
                  />
                </div>
              </>
            )}
          />
        ))}
      </section>

      <section className="panel">
        <h2>Результаты</h2>
        <ListEditor
          name={`${card}.results`}
          title="Результаты предоставления услуги"
          itemLabel="Результат"
          summary={resultName}
          make={() => ({
            key: '',
            name: '',
            kind: 'positive',
            documentType: '',
            validity: null,
            clause: '',
          })}
          render={(i) => {
            const at = `${card}.results.${i}`;
            return (
              <>
                <TextInput name={`${at}.name`} label="Результат" required multiline maxLength={1000} />
                <div className="form-grid">
                  <TextInput name={`${at}.key`} label="Ключ" required maxLength={60} />
                  <SelectInput
                    name={`${at}.kind`}
                    label="Вид результата"
                    options={[
                      { value: 'positive', label: 'Положительный' },
                      { value: 'negative', label: 'Отрицательный' },
                    ]}
                  />
                  <TextInput
                    name={`${at}.documentType`}
                    label="Вид документа (код)"
                    required
                    maxLength={60}
                    list={REFERENCE_LISTS.documentTypes}
                  />
                </div>
                <Optional
                  name={`${at}.validity`}
                  label="Срок действия установлен"
                  make={() => ({ amount: 1, unit: 'years' })}
                >
                  <div className="form-grid">
                    <NumberInput name={`${at}.validity.amount`} label="Срок действия" required />
                    <SelectInput
                      name={`${at}.validity.unit`}
                      label="Единица"
                      options={VALIDITY_UNIT_OPTIONS}
                    />
                  </div>
                </Optional>
                <TextInput name={`${at}.clause`} label="Пункт регламента или статья закона" maxLength={300} />
              </>
            );
          }}
        />
      </section>

      <section className="panel">
        <h2>Сроки и плата</h2>
        <div className="form-grid">
          <TermInput name={`${card}.term`} label="Срок предоставления услуги" />
          <NumberInput
            name={`${card}.retentionYears`}
            label="Срок хранения дела, лет"
            required
            hint="Не менее 10 лет и не менее срока действия результата."
          />
        </div>
        <TextInput name={`${card}.termClause`} label="Основание срока (пункт регламента)" maxLength={300} />
        <Optional name={`${card}.fee`} label="Услуга платная" make={() => ({ amountRub: 0, basis: '' })}>
          <div className="form-grid">
            <NumberInput name={`${card}.fee.amountRub`} label="Размер платы, руб." required step="0.01" />
            <TextInput name={`${card}.fee.basis`} label="Основание взимания" required maxLength={1000} />
          </div>
        </Optional>
      </section>

      <section className="panel">
        <StringListEditor name={`${card}.sources`} title="Источники сведений" itemLabel="Источник" />
      </section>
    </div>
  );
}

export type CardValues = ServiceDefinition['card'];
