"""The knowledge base: articles customers and agents can find, in every language the shop
speaks, with the versions each published change left behind."""
