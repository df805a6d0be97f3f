"""A trivial Chainlit app that echoes the question: the floor chat_bench.py compares against."""

import chainlit as cl


@cl.on_message
async def echo(message: cl.Message) -> None:
    await cl.Message(content=f"U vroeg: {message.content}").send()
