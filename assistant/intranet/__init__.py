"""The chat on a griffie's intranet: origin guard, widget, accounts and tokens, history."""
