"""Mailing lists: messages with their sender, thread and parent, from mbox archives
(Mailman 2 pipermail exports included) and saved HyperKitty (Mailman 3) REST pages."""
