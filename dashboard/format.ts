/** How the dashboard writes numbers, dates and the API's codes for people. */

const numbers = new Intl.NumberFormat('en-US');
export const formatNumber = (n: number): string => numbers.format(n);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Partial ISO dates as a person reads them; year-less ones say so. */
export function formatDate(date: string | null): string {
  if (!date) return 'undated';
  const yearless = date.startsWith('--');
  const [y, m, d] = yearless ? ['', ...date.slice(2).split('-')] : date.split('-');
  const month = m ? MONTHS[Number(m) - 1] : undefined;
  const parts = [d ? String(Number(d)) : null, month ?? null, y || null].filter(Boolean);
  return yearless ? `${parts.join(' ')} (year unknown)` : parts.join(' ');
}

/** Milliseconds at the start of a dated value; null for year-less or missing dates. */
export function dateValue(date: string | null): number | null {
  if (!date || date.startsWith('--')) return null;
  const [y, m = '1', d = '1'] = date.split('-');
  return Date.UTC(Number(y), Number(m) - 1, Number(d));
}

export const label = (code: string): string => {
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export const QUALIFIER_PREFIX: Record<string, string> = {
  exact: '',
  approx: '≈ ',
  at_least: '≥ ',
  at_most: '≤ ',
};

export const percent = (x: number): string => `${Math.round(x * 100)}%`;
