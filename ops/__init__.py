"""Operations: tools that run and test the marketplace, never imported by the app."""
