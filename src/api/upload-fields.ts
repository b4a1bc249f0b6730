/**
 * What an uploader may say about an article besides its bytes: the fields that travel as S3
 * object metadata and win over what the extractor finds, checked with the same schemas wherever
 * they are given.
 */
import * as z from 'zod';
import { lazy } from '../domain/lazy';
import { dateParam } from '../domain/partial-date';

/** S3 metadata is limited to 2 KB per object; these bounds keep the three fields well under it. */
const MAX_TITLE = 300;
const MAX_URL = 1000;

export const publishedAtField = lazy(() => dateParam());

export const sourceUrlField = lazy(() =>
  z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
    .max(MAX_URL, `at most ${MAX_URL} characters`)
    .meta({ description: 'where the article was published' }),
);

export const titleField = lazy(() =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_TITLE, `at most ${MAX_TITLE} characters`)
    .meta({ description: 'the article’s title' }),
);
