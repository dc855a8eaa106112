# forget_php_mod_state <M.m> <module>: deletes phpenmod's record of a module
# (enabled/disabled by admin/maintainer, per SAPI, in /var/lib/php/modules).
# phpdismod -p cannot do it once the ini is gone, and clears only the last SAPI
# it visits; without this, a module uninstalled after `phpdismod` would stay
# "disabled by admin" and the .deb's postinst would then not enable it.
# POSIX sh: tools/deb.sh copies this function into the package's postrm;
# tools/install-ini.sh sources it.
forget_php_mod_state() {
    for state in /var/lib/php/modules/"$1"/*/*_by_*; do
        [ -d "$state" ] || continue
        rm -f "$state/$2"
        # phpenmod/phpdismod create these directories on demand; an empty one
        # is what recording (then clearing) our module left behind.
        rmdir --ignore-fail-on-non-empty "$state"
    done
}
