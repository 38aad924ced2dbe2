import type { CompareGroup } from './compare';

/** The changes between two versions side by side, grouped by area: before → after. */
export function CompareView({
  fromNumber,
  toNumber,
  groups,
}: {
  fromNumber: number;
  toNumber: number;
  groups: CompareGroup[];
}) {
  if (groups.length === 0) {
    return (
      <p data-testid="compare-result">
        Версии {fromNumber} и {toNumber} не различаются.
      </p>
    );
  }
  return (
    <div data-testid="compare-result" className="compare">
      {groups.map((group) => (
        <section
          key={group.area}
          aria-labelledby={`compare-${group.area}`}
          data-testid={`compare-${group.area}`}
        >
          <h3 id={`compare-${group.area}`}>{group.title}</h3>
          <div className="table-scroll" role="region" aria-label={group.title} tabIndex={0}>
            <table className="table compare-table">
              <caption className="visually-hidden">
                {group.title}: версия {fromNumber} и версия {toNumber}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Что изменилось</th>
                  <th scope="col">Версия {fromNumber}</th>
                  <th scope="col">Версия {toNumber}</th>
                </tr>
              </thead>
              <tbody>
                {group.changes.map((change, index) => (
                  <tr key={`${change.where}-${index}`}>
                    <th scope="row">{change.where}</th>
                    <td className={change.before === null ? 'muted' : 'compare-before'}>
                      {change.before ?? 'нет'}
                    </td>
                    <td className={change.after === null ? 'muted' : 'compare-after'}>
                      {change.after ?? 'нет'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
