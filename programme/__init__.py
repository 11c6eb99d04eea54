"""The OCOP programme's figures: what a provincial OCOP office reports against Decision 919
and its own plan (certified products, producers, modern channels, certificates to renew,
the potential-5★ pipeline, sales and livestreams), for one province or the whole country.

Plain functions over the domain apps' rows, each a bounded number of aggregate queries
whatever the number of rows; the officer console's dashboard and its exports show them."""
