"""The cart of the web storefront: add to cart from the product page, the cart page (lines
grouped per seller, delivery per seller, quantities), and the header's cart link."""
