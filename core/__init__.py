"""The shared kernel: errors, Vietnamese text, money and input limits.

It sits on the lowest floor and imports nothing else of ours, so every domain may use it.
"""
