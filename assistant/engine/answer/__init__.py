"""The Answer model and the composer that makes one."""
