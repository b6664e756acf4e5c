"""How much of a shared library another process keeps resident, read from /proc/PID/smaps the
way engine/base/library_pages.cpp reads its own: the mappings of files whose name starts with a
prefix, split into the pages release_library_pages gives back (not writable, no private copy:
`Anonymous: 0 kB`) and the rest."""


def library_residency(pid, prefix="libLLVM"):
    """(unmodified, modified) resident bytes of the library's mappings in process `pid`."""
    unmodified = modified = 0
    mapping = None  # [writable, rss, anonymous] of the library mapping being read

    def close(mapping):
        nonlocal unmodified, modified
        if mapping is None:
            return
        writable, rss, anonymous = mapping
        if not writable and anonymous == 0:
            unmodified += rss
        else:
            modified += rss

    with open("/proc/%d/smaps" % pid) as smaps:
        for line in smaps:
            fields = line.split()
            if "-" in fields[0] and len(fields) >= 5 and not fields[0].endswith(":"):
                close(mapping)
                path = fields[5] if len(fields) > 5 else ""
                name = path.rsplit("/", 1)[-1]
                mapping = [fields[1][1] == "w", 0, 0] if name.startswith(prefix) else None
            elif mapping is not None and fields[0] == "Rss:":
                mapping[1] = int(fields[1]) * 1024
            elif mapping is not None and fields[0] == "Anonymous:":
                mapping[2] = int(fields[1]) * 1024
    close(mapping)
    return unmodified, modified
