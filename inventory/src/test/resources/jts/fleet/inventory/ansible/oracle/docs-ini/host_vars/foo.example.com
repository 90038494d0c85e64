ansible_user: foo-admin
ansible_become: true
