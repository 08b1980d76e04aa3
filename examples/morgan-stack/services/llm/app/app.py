"""The llm service of the example stack: prints a health line and exits."""
import sys

from morgan_shared import banner


def main(argv):
    print(banner("llm"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
