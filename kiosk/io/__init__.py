"""Lists in, data out: invitee import, the export bundle, merging another desk's bundle.

Qt-free: the command line and the "Export & synchro" screen both call these modules.
"""
