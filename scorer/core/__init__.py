"""The bottom layer: what every other layer shares and nothing here imports from above.

Configuration, errors, the typed results every stage passes along, odds maths and the
text basics (one tokenizer, one word count, one phrase matcher, one quote finder).
"""
