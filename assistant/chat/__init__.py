"""The Chainlit chat: the server start, the page, the Chainlit adapter, the conversation."""
