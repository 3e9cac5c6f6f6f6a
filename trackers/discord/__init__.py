"""Discord activity: servers, channels (text channels, threads, direct and group chats),
messages and their reactions, from DiscordChatExporter JSON exports."""
