#!/usr/bin/env python3
"""Draws docs/delivery-lifecycles.svg: the tracking lifecycles of docs/delivery.md (a paper
letter, a registered letter, an electronic registered letter, an email read back from the bounce
mailbox) as state diagrams, one row each, with what a scenario reads of each.
Python standard library only, so the picture is remade on any machine:

    python3 scripts/delivery_lifecycles.py docs/delivery-lifecycles.svg

Each lifecycle is a chain of normalised tracking statuses (what `dun deliver --sync` records)
and its possible endings; a status in a double frame ends the sync (settled), one marked "proof"
comes with the provider's proof document. The test `delivery_lifecycles_svg` checks that the
picture in docs/ is the one this script draws.
"""
import sys
from xml.sax.saxutils import escape

BOX_W, BOX_H, GAP, ROW_H, LEFT, TOP = 132, 34, 34, 150, 20, 40

# (title, what a scenario reads, the chain, the endings after the chain's last status as
# (status, with a proof, settled))
LIFECYCLES = [
    ("standard letter (print_mail)",
     "invoice.last_letter_status: the latest status",
     ["accepted", "printed", "mailed", "in_transit"],
     [("delivered", False, True), ("returned", False, True), ("failed", False, True)]),
    ("registered letter (print_mail)",
     "invoice.last_letter_status: the latest status",
     ["accepted", "printed", "mailed", "in_transit", "delivered"],
     [("signed", True, True), ("refused", False, True), ("returned", False, True)]),
    ("electronic registered letter (print_mail)",
     "invoice.last_letter_status: the provider's first accepted reads \"sent\"; "
     "refused or neglected: escalate to a registered letter",
     ["accepted", "sent", "awaiting_signature"],
     [("accepted", True, True), ("refused", True, True), ("neglected", True, True)]),
    ("email (smtp, bounces read from the IMAP mailbox)",
     "customer.email_bounced: the collection address bounced (hard)",
     ["sent"],
     [("bounced", False, True), ("delayed", False, False)]),
]


def box(x, y, label, final=False, proof=False):
    parts = ['<rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="#f4f6fb" '
             'stroke="#34495e" stroke-width="1.5"/>' % (x, y, BOX_W, BOX_H)]
    if final:
        parts.append('<rect x="%d" y="%d" width="%d" height="%d" rx="8" fill="none" '
                     'stroke="#34495e" stroke-width="1"/>' % (x - 4, y - 4, BOX_W + 8, BOX_H + 8))
    parts.append('<text x="%d" y="%d" text-anchor="middle" font-size="13">%s</text>'
                 % (x + BOX_W // 2, y + BOX_H // 2 + 5, escape(label)))
    if proof:
        parts.append('<text x="%d" y="%d" font-size="11" fill="#8e44ad">+ proof</text>'
                     % (x + BOX_W + 10, y + BOX_H // 2 + 4))
    return parts


def arrow(x1, y1, x2, y2):
    return ['<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#34495e" stroke-width="1.3" '
            'marker-end="url(#head)"/>' % (x1, y1, x2, y2)]


def draw():
    width = LEFT * 2 + 6 * (BOX_W + GAP) + 60
    height = TOP + ROW_H * len(LIFECYCLES)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="DejaVu Sans, sans-serif">' % (width, height),
           '<defs><marker id="head" markerWidth="8" markerHeight="8" refX="7" refY="4" '
           'orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#34495e"/></marker></defs>',
           '<rect width="100%" height="100%" fill="white"/>']
    for row, (title, reads, chain, endings) in enumerate(LIFECYCLES):
        y = TOP + row * ROW_H
        out.append('<text x="%d" y="%d" font-size="14" font-weight="bold">%s</text>'
                   % (LEFT, y - 12, escape(title)))
        out.append('<text x="%d" y="%d" font-size="11" fill="#7f8c8d">%s</text>'
                   % (LEFT + 9 * len(title) + 24, y - 12, escape(reads)))
        middle = y + (len(endings) - 1) * (BOX_H + 8) // 2
        x = LEFT
        for i, status in enumerate(chain):
            out += box(x, middle, status)
            if i + 1 < len(chain):
                out += arrow(x + BOX_W, middle + BOX_H // 2, x + BOX_W + GAP - 2,
                             middle + BOX_H // 2)
            x += BOX_W + GAP
        for j, (status, proof, settled) in enumerate(endings):
            end_y = y + j * (BOX_H + 8)
            out += arrow(x - GAP, middle + BOX_H // 2, x - 2, end_y + BOX_H // 2)
            out += box(x, end_y, status, final=settled, proof=proof)
    out.append('</svg>')
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: delivery_lifecycles.py OUTPUT.svg\n")
        return 2
    with open(sys.argv[1], "w", encoding="utf-8") as svg:
        svg.write(draw())
    return 0


if __name__ == "__main__":
    sys.exit(main())
