from scorer.cli.main import cli

cli(prog_name="scorer")
