from ctwp.cli.app import run

run()
