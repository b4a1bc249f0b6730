/** The JSON envelope some feeds deliver: validated with zod so a wrong shape is a rejection, not a crash. */
import * as z from 'zod';
import { lazy } from '../lazy';

/** Built on the first JSON upload: most uploads are text, Markdown or HTML. */
const envelopeSchema = lazy(() => {
  const optionalText = z.string().trim().min(1).nullish();
  return z.object({
    title: optionalText,
    url: optionalText,
    publishedAt: optionalText,
    source: optionalText,
    body: z.string().trim().min(1, 'body must be a non-empty string'),
  });
});
type Envelope = z.infer<ReturnType<typeof envelopeSchema>>;

export type ParsedEnvelope = { ok: true; envelope: Envelope } | { ok: false; detail: string };

export function parseEnvelope(json: string): ParsedEnvelope {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return {
      ok: false,
      detail: `not valid JSON (${(e as Error).message}); expected {title, url, publishedAt, source, body}`,
    };
  }
  const result = envelopeSchema().safeParse(data);
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    return {
      ok: false,
      detail: `JSON is not an article envelope {title, url, publishedAt, source, body: string}: ${problems}`,
    };
  }
  return { ok: true, envelope: result.data };
}
