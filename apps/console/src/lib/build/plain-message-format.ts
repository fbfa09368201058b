/**
 * Stands in for intl-messageformat in the console's bundle. Cloudscape imports it only to format the
 * default text of its error boundary's fallback (ICU plural and select forms); with its ICU parser it
 * weighs about 25 KB gzip on every page. This formatter fills plain {name} placeholders, enough for
 * that one message.
 */
export default class PlainMessageFormat {
  constructor(private readonly message: string) {}

  format(values: Record<string, unknown> = {}): string {
    return this.message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  }
}
