import { DOCUMENT_KIND_TITLES, DOCUMENT_KINDS, PLACEHOLDERS, type PlaceholderDef } from '@uslugi/contracts';
import { Link } from 'react-router-dom';

const TYPE_TITLES: Record<PlaceholderDef['type'], string> = {
  text: 'Текст',
  flag: 'Условие (да/нет)',
  list: 'Список',
};

/** How a placeholder is written in Word: a text, a condition's or a list's opening and closing tags. */
export function written(def: Pick<PlaceholderDef, 'name' | 'type'>): string {
  return def.type === 'text' ? `{${def.name}}` : `{#${def.name}}…{/${def.name}}`;
}

/** «Поля шаблонов»: the placeholder vocabulary by kind, generated from PLACEHOLDERS. */
export function TemplateFieldsPage() {
  return (
    <>
      <div className="page-header">
        <h1>Поля шаблонов</h1>
        <Link to="/admin/templates">Шаблоны документов</Link>
      </div>
      <p className="muted">
        В шаблоне можно использовать только поля своего вида документа. Поле пишется в фигурных скобках:{' '}
        <code>{'{registrationNumber}'}</code>; условие и список — парой <code>{'{#имя}…{/имя}'}</code>, внутри
        списка — поля его элементов.
      </p>
      {DOCUMENT_KINDS.map((kind) => {
        const defs = PLACEHOLDERS.filter((p) => !p.kinds || p.kinds.includes(kind));
        return (
          <section className="panel" key={kind} aria-labelledby={`fields-${kind}`}>
            <h2 id={`fields-${kind}`}>{DOCUMENT_KIND_TITLES[kind]}</h2>
            <div
              className="table-scroll"
              role="region"
              aria-label={`Поля: ${DOCUMENT_KIND_TITLES[kind]}`}
              tabIndex={0}
            >
              <table className="table" data-testid={`fields-${kind}`}>
                <caption className="visually-hidden">Поля: {DOCUMENT_KIND_TITLES[kind]}</caption>
                <thead>
                  <tr>
                    <th scope="col">Поле</th>
                    <th scope="col">Что означает</th>
                    <th scope="col">Тип</th>
                    <th scope="col">Поля элемента списка</th>
                  </tr>
                </thead>
                <tbody>
                  {defs.map((def) => (
                    <tr key={def.name}>
                      <td>
                        <code>{written(def)}</code>
                      </td>
                      <td>{def.title}</td>
                      <td>{TYPE_TITLES[def.type]}</td>
                      <td>
                        {def.fields?.map((f) => (
                          <div key={f.name}>
                            <code>{`{${f.name}}`}</code> — {f.title}
                          </div>
                        )) ?? '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </>
  );
}
