from scorer.cli.main import main

main()
