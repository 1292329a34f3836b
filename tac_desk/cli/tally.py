"""``tac-desk tally``: the what-if calculator a chair uses before a vote (no record needed)."""

from __future__ import annotations

import argparse
from typing import Any

from tac_desk.cli.common import command, emit

THRESHOLD_HELP = "majority (more than 1/2), two-thirds, three-quarters, or P/Q (at least P/Q)"


def register(commands: Any) -> None:
    """Register ``tally``."""
    parser = command(
        commands,
        "tally",
        "how many yes votes a decision needs, and whether these counts pass it (a calculator; reads no record)",
        run,
        json_output=True,
    )
    parser.add_argument(
        "--threshold", required=True, metavar="majority|two-thirds|three-quarters|P/Q", help=THRESHOLD_HELP
    )
    parser.add_argument(
        "--base", required=True, choices=("cast", "present", "all"), help="votes cast, seats present, all seats"
    )
    parser.add_argument(
        "--quorum", default="1/2", metavar="P/Q|none", help="share of voting seats that must be present (default 1/2)"
    )
    parser.add_argument("--seats", required=True, type=int, metavar="N", help="voting seats")
    parser.add_argument("--present", type=int, metavar="N", help="seats present (default: yes + no + abstain)")
    parser.add_argument("--yes", required=True, type=int, metavar="N")
    parser.add_argument("--no", required=True, type=int, metavar="N")
    parser.add_argument("--abstain", type=int, default=0, metavar="N")


def run(args: argparse.Namespace) -> int:
    """Evaluate the counts with the rules engine and print its verdict."""
    from tac_desk.domain.rules import Base, Comparison, Rule, Tally, Threshold, evaluate, parse_fraction

    share = parse_fraction(args.threshold)
    comparison = Comparison.MORE_THAN if args.threshold.strip().lower() == "majority" else Comparison.AT_LEAST
    quorum = None if args.quorum.strip().lower() == "none" else parse_fraction(args.quorum)
    present = args.present if args.present is not None else args.yes + args.no + args.abstain
    rule = Rule(Threshold(share, comparison), Base(args.base), quorum)
    outcome = evaluate(rule, Tally(seats=args.seats, present=present, yes=args.yes, no=args.no, abstain=args.abstain))
    data = outcome.to_dict()
    data["quorum_words"] = rule.quorum_words()
    data["more_yes_needed"] = outcome.more_yes_needed
    emit(args, data, outcome.explanation)
    return 0
