"""The web storefront at `/`: server-rendered Django templates, progressively enhanced with
htmx. It sits on the interfaces floor beside `storefront_api` (never importing it) and calls
the same domain modules: `catalog.listing` for the listing rule, `search.service` for search
and listings, `catalog.featured_collections`' collections and `livestream.queries`."""
