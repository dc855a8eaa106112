# forget_php_mod_state <M.m> <module>: deletes phpenmod's record of a module
# (enabled/disabled by admin/maintainer, per SAPI, in /var/lib/php/modules).
# phpdismod -p cannot do it once the ini is gone, and clears only the last SAPI
# it visits; without this, a module uninstalled after `phpdismod` would stay
# "disabled by admin" and the .deb's postinst would then not enable it.
# POSIX sh: tools/deb.sh copies this function into the package's postrm;
# tools/install-ini.sh sources it.
forget_php_mod_state() {
    for state in /var/lib/php/modules/"$1"/*/*_by_*; do
        [ -e "$state/$2" ] || continue
        rm -f "$state/$2"
        rmdir --ignore-fail-on-non-empty "$state"
    done
}
