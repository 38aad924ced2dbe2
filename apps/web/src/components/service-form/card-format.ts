import type { ServiceCard, Validity } from '@uslugi/contracts';

function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** «3 года», «6 месяцев», «30 дней». */
export function formatValidity(validity: Validity): string {
  const n = validity.amount;
  const noun =
    validity.unit === 'years'
      ? plural(n, 'год', 'года', 'лет')
      : validity.unit === 'months'
        ? plural(n, 'месяц', 'месяца', 'месяцев')
        : plural(n, 'день', 'дня', 'дней');
  return `${n} ${noun}`;
}

const rubles = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });

/** «Бесплатно», or the amount with its basis. */
export function formatFee(fee: ServiceCard['fee']): string {
  if (!fee || fee.amountRub === 0) return 'Бесплатно';
  return `${rubles.format(fee.amountRub)} ₽ (${fee.basis})`;
}
