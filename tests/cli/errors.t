# Failures exit 1 with one "Error:" line saying what and where.
$ cosy-load show nosuch
! Error: no compound is pinned as 'nosuch' (an administrator loads it with: cosy-load load FILE name nosuch)
? 1

$ cosy-load unload ../etc
! Error: '../etc' is not a valid compound name
? 1

$ cosy-load verify /nonexistent.bpf.o
! Error: /nonexistent.bpf.o: cannot open compound object: No such file or directory
? 1

$ echo 'not an object' > junk.bpf.o; cosy-load verify junk.bpf.o
! Error: junk.bpf.o: cannot open compound object: BPF object format invalid
? 1

$ cosy-load list
? 0

$ cosy-load -V
> cosy-load 0.1 (cosy ABI 5)
