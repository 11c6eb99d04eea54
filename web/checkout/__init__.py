"""One-page checkout, the order confirmation and order pages, and the address book."""
