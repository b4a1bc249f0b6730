/**
 * The dashboard's views, in navigation order: adding a view (an upload page, a sign-in page) is
 * one entry here. `#<id>/<arg>?<filters>` opens a view; the first one is the landing view.
 */
import { articleView, articlesView } from './views/articles';
import { casesView } from './views/cases';
import { countriesView } from './views/countries';
import { countryView } from './views/country';
import { flowsView } from './views/flows';
import { timelineView } from './views/timeline';
import { uploadView } from './views/upload';
import type { Route } from './views/view';

export const ROUTES: Route[] = [
  { id: 'countries', label: 'Countries', render: countriesView },
  { id: 'country', tab: 'countries', render: (ctx) => countryView(ctx, ctx.arg ?? '') },
  { id: 'cases', label: 'Case counts', render: casesView },
  { id: 'timeline', label: 'Timeline', render: timelineView },
  { id: 'flows', label: 'Aid flows', render: flowsView },
  { id: 'articles', label: 'Articles', needs: 'reader', render: articlesView },
  {
    id: 'article',
    tab: 'articles',
    needs: 'reader',
    render: (ctx) => articleView(ctx, ctx.arg ?? ''),
  },
  { id: 'upload', label: 'Upload', needs: 'uploader', render: uploadView },
];
